/** The paper's architectures: NCF (MLP, GMF, NeuMF), VGG-19 for CIFAR, ResNet-18/50, a small CNN, an MLP. */
package dev.lawn.models.zoo;

# Resources come from the environment so CI can shrink the VM.
MEMORY = ENV.fetch("VM_MEMORY", "2048").to_i
CPUS = (ENV["VM_CPUS"] || "2").to_i
BOX = ENV["VAGRANT_BOX"] || "debian/bookworm64"

Vagrant.configure("2") do |config|
  config.vm.box = BOX
  config.vm.provider :libvirt do |v|
    v.memory = MEMORY
    v.cpus = CPUS
  end
end
